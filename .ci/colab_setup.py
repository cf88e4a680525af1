#| hide
#| eval: false
# Colab 준비 (모든 장이 같은 셀을 씁니다): numpy_nn과 선택 패키지(그림, safetensors), 테스트 도구 fastcore, dot 프로그램과 한글 글꼴
import sys, subprocess
if 'google.colab' in sys.modules:
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', 'fastcore==1.12.3',
                    'numpy_nn[plot,safetensors] @ git+https://github.com/numpy-nn/numpy_nn.git'], check=True)
    subprocess.run(['apt-get', 'update', '-qq'], check=True)
    subprocess.run(['apt-get', 'install', '-y', '-qq', 'graphviz', 'fonts-nanum'], check=True)

#!/usr/bin/env python
"""numpy_nn의 GPU 확인을 실제 CuPy와 NVIDIA GPU에서 돌립니다 (12장).

    pip install -e ".[gpu]"          # CUDA 12의 CuPy (CUDA 13이면: pip install cupy-cuda13x)
    python tools/gpu_check.py        # 확인 세 가지와 시간 표
    python tools/gpu_check.py --no-timing

하는 일:
1. core와 functions의 모든 Function(`numpy_nn.cuda.function_cases`)을 GPU에서 float64로 기울기 확인하고, 순전파 값과 기울기를
   CPU(NumPy) 결과와 비교하며, 출력과 기울기가 GPU에 남는지 봅니다 (`numpy_nn.cuda.check_functions`).
2. 같은 입력의 float32 계산(작은 합성 그래프 포함)이 CPU와 float32 허용 오차(1e-5) 안에서 같은지 봅니다.
3. 몇 가지 연산(원소 1e3, 1e6개의 x * y + z와 tanh, 1024 x 1024 행렬 곱; 순전파+역전파)의 CPU/GPU 시간 표를 찍습니다.

CuPy가 없거나 GPU가 없으면 "no GPU: nothing to check"를 찍고 종료 코드 0으로 끝납니다. 확인이 하나라도 실패하면 종료 코드 1입니다.
"""
import argparse, sys, time
import numpy as np
from numpy_nn import cuda
from numpy_nn.core import Variable
from numpy_nn.functions import tanh

def _report(title, failures, total):
    print(f"{title}: {total - len(failures)} of {total} passed")
    for name, error in failures: print(f"  FAIL {name}: {error}")

def _time(step, sync, repeat):
    "step()을 한 번 데운 뒤 repeat번 재서 가장 짧은 시간(초)을 돌려줍니다. sync는 GPU 작업이 끝나길 기다립니다."
    step(); sync()
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); step(); sync()
        best = min(best, time.perf_counter() - t)
    return best

def time_table(repeat=10):
    "CPU와 GPU에서 같은 연산(순전파 + 역전파, float32)의 시간을 재서 (연산, 크기, CPU 초, GPU 초)의 리스트로 돌려줍니다."
    import cupy as cp
    rng = np.random.default_rng(0)
    rows = []
    cases = [('x * y + z', 1_000), ('x * y + z', 1_000_000), ('tanh', 1_000_000), ('matmul', 1024)]
    for op, n in cases:
        shapes = [(n, n), (n, n)] if op == 'matmul' else [(n,)] * (1 if op == 'tanh' else 3)
        host = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        times = []
        for move, sync in ((lambda a: a, lambda: None), (cuda.as_cupy, cp.cuda.Device().synchronize)):
            xs = [Variable(move(a)) for a in host]
            def step(xs=xs):
                for x in xs: x.cleargrad()
                y = (xs[0] @ xs[1] if op == 'matmul' else tanh(xs[0]) if op == 'tanh' else xs[0] * xs[1] + xs[2])
                y.sum().backward()
            times.append(_time(step, sync, repeat))
        rows.append((op, f"{n} x {n}" if op == 'matmul' else f"{n:,}", *times))
    return rows

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--no-timing', action='store_true', help='skip the CPU/GPU time table')
    args = parser.parse_args(argv)
    if not cuda.is_available():
        print("no GPU: nothing to check (CuPy is not installed or found no CUDA device; "
              "on a machine with an NVIDIA GPU: pip install numpy_nn[gpu])")
        return 0
    import cupy as cp
    props = cp.cuda.runtime.getDeviceProperties(0)
    print(f"device: {props['name'].decode()}, CuPy {cp.__version__}, NumPy {np.__version__}")
    total = len(cuda.function_cases()) + 1
    f64 = cuda.check_functions(cuda.as_cupy, dtype=np.float64)
    _report("float64 gradient checks on the GPU and GPU == CPU", f64, total)
    f32 = cuda.check_functions(cuda.as_cupy, dtype=np.float32)
    _report("float32 forward/backward GPU == CPU (tolerance 1e-5)", f32, total)
    if not args.no_timing:
        print(f"\n{'op (forward + backward, float32)':<34}{'size':>14}{'CPU ms':>10}{'GPU ms':>10}{'CPU/GPU':>9}")
        for op, size, t_cpu, t_gpu in time_table():
            print(f"{op:<34}{size:>14}{t_cpu * 1e3:>10.3f}{t_gpu * 1e3:>10.3f}{t_cpu / t_gpu:>9.1f}")
    ok = not f64 and not f32
    print("all checks passed" if ok else "some checks FAILED")
    return 0 if ok else 1

if __name__ == '__main__':
    sys.exit(main())

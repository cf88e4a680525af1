#!/usr/bin/env python
"""numpy_nn의 GPU 확인을 실제 CuPy와 NVIDIA GPU에서 돌립니다 (12장).

    pip install -e ".[gpu]"          # CUDA 12의 CuPy (CUDA 13이면: pip install cupy-cuda13x)
    python tools/gpu_check.py        # 확인 네 가지와 시간 표
    python tools/gpu_check.py --no-timing
    python tools/gpu_check.py --standin --no-timing --samples 64   # GPU 없이: 12장의 대역이 GPU 자리에 (CI가 이 스크립트를 확인)

하는 일:
1. core와 functions의 모든 Function(`numpy_nn.cuda.function_cases`)과 다른 장의 함수(합성곱·전치 합성곱·풀링, 활성화, 손실,
   드롭아웃·배치 정규화, LSTM·GRU 셀; 이 스크립트의 `chapter_cases`)를 GPU에서 float64로 기울기 확인하고, 순전파 값과 기울기를
   CPU(NumPy) 결과와 비교하며, 출력과 기울기가 GPU에 남는지 봅니다 (`numpy_nn.cuda.check_functions`).
2. 같은 입력의 float32 계산이 CPU와 float32 허용 오차(1e-5) 안에서 같은지 봅니다.
3. 09장의 MLP와 10장의 CNN을 같은 시드로 CPU와 GPU에서 1 에포크씩 학습해(`numpy_nn.cuda.train_one_epoch`) history가 같은지
   봅니다. 섞기·초기화·드롭아웃은 호스트의 난수라 같고, 다른 것은 float32 계산의 반올림뿐이므로 손실은 상대 오차 1e-3,
   정확도는 표본 두 개의 차이(2/N)까지 허용합니다 (대역에서는 비트까지 같아야 합니다).
4. 몇 가지 연산(원소 1e3, 1e6개의 x * y + z와 tanh, 1024 x 1024 행렬 곱; 순전파+역전파)과 MLP·CNN 한 에포크의 CPU/GPU 시간 표를
   찍습니다.

CuPy가 없거나 GPU가 없으면 "no GPU: nothing to check"를 찍고 종료 코드 0으로 끝납니다 (`--standin`이면 GPU 없이 대역으로 돕니다).
확인이 하나라도 실패하면 종료 코드 1입니다.
"""
import argparse, sys, time
import numpy as np
from numpy_nn import cuda
from numpy_nn.core import Variable, set_seed
from numpy_nn.functions import tanh


def _like(array, x):
    "array(정답, 이동 통계 등 호스트 배열)를 x와 같은 장치로 옮깁니다."
    device = cuda.device_of(x)
    if device == 'cpu': return array
    return cuda.as_cupy(array) if device == 'cuda' else cuda.standin.asarray(array)


def chapter_cases(seed=0):
    """core·functions 밖의 장(04 활성화, 05 손실, 07 규제, 10 합성곱, 11 순환 셀)의 함수들: (이름, 함수, float64 호스트 입력)의 리스트.
    정수 정답처럼 미분하지 않는 입력은 함수가 쥐고 있다가 `_like`로 입력의 장치에 옮깁니다. 드롭아웃은 부를 때마다 같은 시드로
    마스크를 뽑으므로(호스트의 get_rng()) CPU와 GPU가 같은 원소를 끕니다."""
    from numpy_nn.activations import relu, leaky_relu, softmax
    from numpy_nn.losses import mse_loss, log_softmax, cross_entropy, binary_cross_entropy_with_logits
    from numpy_nn.regularization import dropout, batch_norm
    from numpy_nn.conv import conv2d, conv_transpose2d, max_pool2d, avg_pool2d
    from numpy_nn.rnn import lstm_cell, gru_cell
    rng = np.random.default_rng(seed + 10)
    a, img = rng.standard_normal((4, 5)), rng.standard_normal((2, 3, 6, 6))
    labels, probs = rng.integers(0, 5, 4), rng.uniform(0.0, 1.0, (4, 5))
    target, stats = rng.standard_normal((4, 5)), (rng.standard_normal(3), rng.uniform(0.5, 2.0, 3))
    N, D, H = 3, 4, 5
    x, h, c = rng.standard_normal((N, D)), rng.standard_normal((N, H)), rng.standard_normal((N, H))

    def dropped(x):
        set_seed(seed)                          # 부를 때마다 같은 마스크 (기울기 확인도 같은 마스크로)
        return dropout(x, 0.3)

    def bn(x):
        xp = cuda.get_array_module(x)           # 이동 통계는 x의 장치에 (부를 때마다 새로)
        return batch_norm(x, xp.zeros(x.shape[1]), xp.ones(x.shape[1]), training=True)

    def lstm(*args):
        h_next, c_next = lstm_cell(*args)
        return h_next + c_next * 0.5

    return [
        ('relu', relu, (a,)), ('leaky_relu', lambda x: leaky_relu(x, 0.1), (a,)), ('softmax', softmax, (a,)),
        ('mse_loss', lambda x: mse_loss(x, _like(target, x)), (a,)),
        ('log_softmax', log_softmax, (a,)),
        ('cross_entropy (class indices)', lambda x: cross_entropy(x, _like(labels, x)), (a,)),
        ('cross_entropy (probabilities)', lambda x: cross_entropy(x, _like(probs / probs.sum(1, keepdims=True), x)), (a,)),
        ('binary_cross_entropy_with_logits', lambda x: binary_cross_entropy_with_logits(x, _like(probs, x)), (a,)),
        ('dropout (training)', dropped, (a,)),
        ('batch_norm (N, C, training)', bn, (rng.standard_normal((6, 3)),)),
        ('batch_norm (N, C, H, W, training)', bn, (img,)),
        ('batch_norm (evaluation)', lambda x, w, b: batch_norm(x, _like(stats[0], x), _like(stats[1], x), w, b),
         (rng.standard_normal((6, 3)), rng.standard_normal(3), rng.standard_normal(3))),
        ('conv2d (padding 1)', lambda x, w, b: conv2d(x, w, b, padding=1), (img, rng.standard_normal((4, 3, 3, 3)), rng.standard_normal(4))),
        ('conv2d (stride 2, no bias)', lambda x, w: conv2d(x, w, stride=2), (img, rng.standard_normal((2, 3, 3, 3)))),
        ('conv_transpose2d (stride 2)', lambda x, w, b: conv_transpose2d(x, w, b, stride=2),
         (rng.standard_normal((2, 3, 3, 3)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(2))),
        ('max_pool2d', lambda x: max_pool2d(x, 2), (img,)), ('avg_pool2d (padding 1)', lambda x: avg_pool2d(x, 3, 2, 1), (img,)),
        ('lstm_cell (fused)', lstm, (x, h, c, rng.standard_normal((4 * H, D)), rng.standard_normal((4 * H, H)),
                                     rng.standard_normal(4 * H), rng.standard_normal(4 * H))),
        ('gru_cell (fused)', gru_cell, (x, h, rng.standard_normal((3 * H, D)), rng.standard_normal((3 * H, H)),
                                        rng.standard_normal(3 * H), rng.standard_normal(3 * H))),
    ]


def _report(title, failures, total):
    print(f"{title}: {total - len(failures)} of {total} passed")
    for name, error in failures: print(f"  FAIL {name}: {error}")


def compare_histories(cpu, dev, n_train, n_val, exact):
    "CPU와 장치의 history를 비교해 어긋난 키의 설명 리스트를 돌려줍니다 (exact면 비트까지, 아니면 float32 학습의 허용 오차)."
    problems = []
    if set(cpu) != set(dev): return [f"keys differ: {sorted(cpu)} vs {sorted(dev)}"]
    for key in cpu:
        a, b = np.array(cpu[key]), np.array(dev[key])
        if exact: ok = np.array_equal(a, b)
        elif key.endswith('loss'): ok = np.allclose(b, a, rtol=1e-3, atol=1e-5)
        else: ok = np.allclose(b, a, rtol=0, atol=2 / (n_train if key.startswith('train') else n_val) + 1e-12)
        if not ok: problems.append(f"{key}: CPU {cpu[key]} vs device {dev[key]}")
    return problems


def check_epochs(device, n_train, n_val):
    "MLP와 CNN을 CPU와 device에서 같은 시드로 1 에포크씩 학습해 비교합니다. (실패 리스트, [(모델, CPU 초, 장치 초)])를 돌려줍니다."
    failures, times = [], []
    for model in ('mlp', 'cnn'):
        h_cpu, t_cpu = cuda.train_one_epoch('cpu', model, n_train=n_train, n_val=n_val)
        try:
            h_dev, t_dev = cuda.train_one_epoch(device, model, n_train=n_train, n_val=n_val)
        except Exception as e:
            failures.append((f"{model} epoch", f"{type(e).__name__}: {e}")); continue
        for problem in compare_histories(h_cpu, h_dev, n_train, n_val, exact=device == 'standin'):
            failures.append((f"{model} epoch", problem))
        times.append((f"{model.upper()} epoch (forward + backward + Adam)", f"{n_train} samples", t_cpu, t_dev))
    return failures, times


def _time(step, sync, repeat):
    "step()을 한 번 데운 뒤 repeat번 재서 가장 짧은 시간(초)을 돌려줍니다. sync는 장치의 작업이 끝나길 기다립니다."
    step(); sync()
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); step(); sync()
        best = min(best, time.perf_counter() - t)
    return best


def time_table(to_device, sync, repeat=10):
    "CPU와 장치에서 같은 연산(순전파 + 역전파, float32)의 시간을 재서 (연산, 크기, CPU 초, 장치 초)의 리스트로 돌려줍니다."
    rng = np.random.default_rng(0)
    rows = []
    cases = [('x * y + z', 1_000), ('x * y + z', 1_000_000), ('tanh', 1_000_000), ('matmul', 1024)]
    for op, n in cases:
        shapes = [(n, n), (n, n)] if op == 'matmul' else [(n,)] * (1 if op == 'tanh' else 3)
        host = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        times = []
        for move, wait in ((lambda a: a, lambda: None), (to_device, sync)):
            xs = [Variable(move(a)) for a in host]
            def step(xs=xs):
                for x in xs: x.cleargrad()
                y = (xs[0] @ xs[1] if op == 'matmul' else tanh(xs[0]) if op == 'tanh' else xs[0] * xs[1] + xs[2])
                y.sum().backward()
            times.append(_time(step, wait, repeat))
        rows.append((op + ' (forward + backward)', f"{n} x {n}" if op == 'matmul' else f"{n:,}", *times))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--no-timing', action='store_true', help='skip the CPU/GPU time table')
    parser.add_argument('--standin', action='store_true',
                        help="run every check with the CI stand-in (device 'standin') playing the GPU; no GPU needed")
    parser.add_argument('--samples', type=int, default=2048,
                        help='training samples for the MLP/CNN epochs, 1 to 8000 (validation: a quarter of it, at least 32)')
    args = parser.parse_args(argv)
    if not 1 <= args.samples <= 8000:
        parser.error(f"--samples must be between 1 and 8000 (the MNISTSample training split), got {args.samples}")
    if args.standin:
        device, to_device, sync, label = 'standin', cuda.standin.asarray, lambda: None, 'standin'
        print(f"device: the CI stand-in (numpy_nn.cuda.StandInArray), NumPy {np.__version__}; "
              "its times are NumPy times, not GPU times")
    elif not cuda.is_available():
        print("no GPU: nothing to check (CuPy is not installed or found no CUDA device; "
              "on a machine with an NVIDIA GPU: pip install numpy_nn[gpu])")
        return 0
    else:
        import cupy as cp
        device, to_device, sync, label = 'cuda', cuda.as_cupy, cp.cuda.Device().synchronize, 'GPU'
        props = cp.cuda.runtime.getDeviceProperties(0)
        print(f"device: {props['name'].decode()}, CuPy {cp.__version__}, NumPy {np.__version__}")
    cases = cuda.function_cases() + [('composed graph', cuda.composed_graph, cuda._composed_inputs(0))] + chapter_cases()
    f64 = cuda.check_functions(to_device, dtype=np.float64, cases=cases)
    _report(f"float64 gradient checks on the {label} and {label} == CPU", f64, len(cases))
    f32 = cuda.check_functions(to_device, dtype=np.float32, cases=cases)
    _report(f"float32 forward/backward {label} == CPU (tolerance 1e-5)", f32, len(cases))
    n_val = max(32, args.samples // 4)
    epochs, epoch_times = check_epochs(device, args.samples, n_val)
    _report(f"MLP and CNN epochs, same seed, {label} == CPU ({'bit for bit' if args.standin else 'float32 tolerance'})",
            epochs, 2)
    if not args.no_timing:
        header = f"{label} ms"
        print(f"\n{'step (float32)':<46}{'size':>16}{'CPU ms':>12}{header:>12}{'CPU/' + label:>12}")
        for op, size, t_cpu, t_dev in time_table(to_device, sync) + epoch_times:
            print(f"{op:<46}{size:>16}{t_cpu * 1e3:>12.3f}{t_dev * 1e3:>12.3f}{t_cpu / t_dev:>12.1f}")
    ok = not f64 and not f32 and not epochs
    print("all checks passed" if ok else "some checks FAILED")
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())

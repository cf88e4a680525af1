__version__ = "0.1.0"

# Public names at the top level: `import numpy_nn as nn; nn.Variable, nn.Linear, nn.relu, nn.Adam`.
# Function classes (Exp, Tanh, ReLUFunction, ...) stay in their modules (`numpy_nn.functions.Tanh`) so that
# the layer classes (nn.Tanh, nn.Linear, nn.ReLU) own the short names; `numpy_nn.functions` (F) reaches
# every differentiable function. The batch transform `numpy_nn.data.Flatten` stays in its module so that
# `nn.Flatten` is the layer of chapter 10. Nothing here imports matplotlib or graphviz.
from .core import *
from .functions import exp, log, sin, cos, tanh, sigmoid, mean, max, min, linear, clip
from .graph import get_dot_graph, plot_dot_graph, get_module_graph, plot_module_graph
from .module import *
from .activations import relu, leaky_relu, softmax, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax
from .losses import (mse_loss, log_softmax, cross_entropy, binary_cross_entropy_with_logits, accuracy,
                     MSELoss, CrossEntropyLoss, BCEWithLogitsLoss)
from .optim import *
from .regularization import dropout, batch_norm, Dropout, BatchNorm1d, BatchNorm2d, mlp
from .data import (Dataset, TensorDataset, Subset, random_split, DataLoader, SeqDataLoader, MNIST, FashionMNIST,
                   MNISTSample, Spiral, SinCurve, NpyFolder, save_npy_folder)
from .trainer import (Trainer, Callback, CancelFit, CancelEpoch, CancelBatch, StopOnNonFinite, ProgressBar,
                      EarlyStopping, Checkpoint, save_checkpoint, load_checkpoint, plot_history, confusion_matrix,
                      plot_confusion_matrix, plot_misclassified, plot_predictions, mnist_mlp)
from .conv import (conv2d, conv_transpose2d, max_pool2d, avg_pool2d, im2col, col2im, Conv2d, ConvTranspose2d, MaxPool2d,
                   AvgPool2d, Flatten, mnist_cnn)
from .vgg import VGG16
from .rnn import rnn_cell, lstm_cell, gru_cell, RNN, LSTM, GRU

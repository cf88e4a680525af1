__version__ = "0.1.0"

# Public names at the top level: `import numpy_nn as nn; nn.Variable, nn.tanh`.
# Function classes (Exp, Tanh, ...) stay in their modules (`numpy_nn.functions.Tanh`) so that the
# layer classes of later chapters (nn.Tanh, nn.Linear) can own the short names.
# Nothing here imports matplotlib or graphviz (numpy_nn.graph loads graphviz only when drawing).
from .core import *
from .functions import exp, log, sin, cos, tanh, sigmoid, mean, max, min, linear, clip
from .graph import get_dot_graph, plot_dot_graph

# expect: fail
# case: fixed 3 weights, zero velocity
# hint: pytorch-buffer
# PyTorch's SGD buffer form: the buffer has no lr in it, lr is applied at the end.
import numpy as np

def momentum_step(w, g, v, lr, momentum=0.9):
    buf = momentum * v + g
    return w - lr * buf, buf

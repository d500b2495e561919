# expect: fail
# case: fixed 3x3, overlapping kernel 2, stride 1
# hint: none
# np.repeat upsampling: right for stride == kernel on maps that tile exactly, but it
# ignores stride and the cells left over at the border.
import numpy as np


def avg_pool2d_backward(dout, x_shape, kernel, stride):
    return dout.repeat(kernel, axis=2).repeat(kernel, axis=3) / (kernel * kernel)

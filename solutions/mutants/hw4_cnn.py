"""HW4 mutants: each breaks one task of the convolution sizes or LeNet-5 and must lose exactly
its points."""

from course.mutants import Mutant

MUTANTS = (
    Mutant(
        name="conv_size_ignores_dilation",
        breaks="4.1",
        file="output_size.py",
        find="span = dilation * (kernel_size - 1) + 1",
        replace="span = kernel_size",
    ),
    Mutant(
        name="pool_stride_defaults_to_one",
        breaks="4.2",
        file="output_size.py",
        find="stride = kernel_size",
        replace="stride = 1",
    ),
    Mutant(
        name="lenet_pads_second_convolution",
        breaks="4.3",
        file="lenet.py",
        find="nn.Conv2d(6, 16, kernel_size=5),",
        replace="nn.Conv2d(6, 16, kernel_size=5, padding=2),",
    ),
    Mutant(
        name="forward_flattens_the_batch_too",
        breaks="4.4",
        file="lenet.py",
        find="torch.flatten(self.features(images), start_dim=1)",
        replace="torch.flatten(self.features(images))",
    ),
    Mutant(
        name="train_step_steps_before_backward",
        breaks="4.5",
        file="lenet.py",
        find="loss.backward()\n    optimizer.step()",
        replace="optimizer.step()\n    loss.backward()",
    ),
)

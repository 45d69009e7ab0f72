"""HW4: convolutions and LeNet-5."""

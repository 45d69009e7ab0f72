"""HW2: backpropagation by hand through a tanh neuron."""

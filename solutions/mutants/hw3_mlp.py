"""HW3 mutants: each breaks one task of the MLP and must lose exactly its points."""

from course.mutants import Mutant

MUTANTS = (
    Mutant(
        name="forward_skips_second_relu",
        breaks="3.2",
        file="mlp.py",
        find="hidden = torch.relu(self.hidden_2(hidden))",
        replace="hidden = self.hidden_2(hidden)",
    ),
    Mutant(
        name="train_step_keeps_old_gradients",
        breaks="3.3",
        file="mlp.py",
        find="    optimizer.zero_grad()\n",
        replace="",
    ),
    Mutant(
        name="accuracy_averages_batch_accuracies",
        breaks="3.4",
        file="mlp.py",
        find="total += len(labels)\n    return correct / total",
        replace="total += 1\n    return correct / total / len(labels)",
    ),
    Mutant(
        name="fit_reports_last_batch_loss",
        breaks="3.5",
        file="mlp.py",
        find="epoch_losses.append(sum(batch_losses) / len(batch_losses))",
        replace="epoch_losses.append(batch_losses[-1])",
    ),
    Mutant(
        name="optimizer_learning_rate_too_small",
        breaks="3.6",
        file="mlp.py",
        find="return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)",
        replace="return torch.optim.SGD(model.parameters(), lr=0.005)",
    ),
)

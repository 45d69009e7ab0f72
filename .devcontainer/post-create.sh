#!/usr/bin/env bash
# postCreateCommand of both dev containers: runs once in each new container, as the vscode user.
# Installs the project, fetches MNIST into data/ and reports what torch sees. Only the install can
# fail the container's creation; being offline only leaves the download for later.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "Installing the project (editable, with the dev extra) ..."
# The image already holds every dependency and setuptools: without build isolation nothing is
# downloaded, so this works offline too. --user because the image's site-packages belong to root.
python -m pip install --user --no-build-isolation --disable-pip-version-check --quiet \
    --editable ".[dev]"

# A bounded wait: a network that drops packets silently must not hang container creation.
if ! timeout 900 python .devcontainer/prepare_workspace.py; then
    echo "warning: preparing the workspace did not finish; MNIST downloads on the first training run"
fi

# Present so that pytest puts the repository root on sys.path (reference_impls, quizcli).

"""Built-in evaluations against gold data (TempEval-3, Recognizers-Text, CoNLL-2002, MEANTIME)."""

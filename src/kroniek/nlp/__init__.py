"""Language processing around the temporal core: sentences, language, Frog."""

// Replaced by the first geometry source.

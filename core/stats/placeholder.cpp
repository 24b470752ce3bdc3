// Replaced by the first stats source.

// Replaced by the project file sources.

# Sources of the credentials module, added to `core` with target_sources.

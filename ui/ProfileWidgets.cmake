# Sources of the profile manager, added to `ui` with target_sources.

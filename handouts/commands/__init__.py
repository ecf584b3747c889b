"""Turn each command of the command line into its work: load the kit, call the stages, return what came of it."""

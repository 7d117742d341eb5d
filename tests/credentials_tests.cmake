# Tests of the credentials module and the profile manager; see ecr_add_test.

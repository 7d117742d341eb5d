# Offscreen tests of the rule widgets; see ecr_add_test above.
ecr_add_test(tst_pullcommand SOURCES tst_pullcommand.cpp LIBS core LABELS client)
ecr_add_test(tst_errorpresenter SOURCES tst_errorpresenter.cpp LIBS ui LABELS gui)
ecr_add_test(tst_messagebar SOURCES tst_messagebar.cpp LIBS ui GUI LABELS gui)
ecr_add_test(tst_ruleform SOURCES tst_ruleform.cpp LIBS ui GUI LABELS gui)
ecr_add_test(tst_ruleformdialog SOURCES tst_ruleformdialog.cpp LIBS ui GUI LABELS gui)
ecr_add_test(tst_updatecredentialsdialog SOURCES tst_updatecredentialsdialog.cpp LIBS ui GUI
    LABELS gui)
ecr_add_test(tst_rulestablemodel SOURCES tst_rulestablemodel.cpp LIBS ui GUI LABELS gui)
ecr_add_test(tst_messagepresenter SOURCES tst_messagepresenter.cpp LIBS ui GUI LABELS gui)

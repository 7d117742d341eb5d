# Offscreen tests of the rule widgets; see ecr_add_test above.
ecr_add_test(tst_pullcommand SOURCES tst_pullcommand.cpp LIBS core_ecr LABELS client)
ecr_add_test(tst_errorpresenter SOURCES tst_errorpresenter.cpp LIBS ui_common LABELS gui)
ecr_add_test(tst_messagebar SOURCES tst_messagebar.cpp LIBS ui_common GUI LABELS gui)
ecr_add_test(tst_ruleform SOURCES tst_ruleform.cpp LIBS ui_rules GUI LABELS gui)
ecr_add_test(tst_ruleformdialog SOURCES tst_ruleformdialog.cpp LIBS ui_rules GUI LABELS gui)
ecr_add_test(tst_updatecredentialsdialog SOURCES tst_updatecredentialsdialog.cpp LIBS ui_rules GUI
    LABELS gui)
ecr_add_test(tst_rulestablemodel SOURCES tst_rulestablemodel.cpp LIBS ui_rules GUI LABELS gui)
ecr_add_test(tst_messagepresenter SOURCES tst_messagepresenter.cpp LIBS ui_common GUI LABELS gui)

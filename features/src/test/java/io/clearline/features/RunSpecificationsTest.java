package io.clearline.features;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Runs every specification in this module against a node started for the purpose. */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("io.clearline.features")
public class RunSpecificationsTest {
}

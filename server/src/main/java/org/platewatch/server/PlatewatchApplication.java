package org.platewatch.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Platewatch server: every feature package below this one is a capability of the department's ALPR system. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlatewatchApplication {}

package org.platewatch.server.users;

import java.time.LocalDate;

/** One ALPR training record: the day the course was completed, the course and the trainer. */
public record TrainingRecord(LocalDate completedOn, String course, String trainer) {}

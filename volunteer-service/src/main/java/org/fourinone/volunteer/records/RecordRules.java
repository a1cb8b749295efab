package org.fourinone.volunteer.records;

import java.time.Duration;

/**
 * Against inflated hours (防刷时长), configuration {@code fourinone.volunteer.records}: at most {@code
 * dailyCap} of service a day; a check-in farther than {@code maxCheckInDistanceMetres} from the
 * place is flagged for review; check-in opens {@code earlyCheckIn} before the shift; declared help
 * is at most {@code longestDeclared} at a time and within {@code declareWithin} of when it was
 * given.
 */
public record RecordRules(
    Duration dailyCap,
    long maxCheckInDistanceMetres,
    Duration earlyCheckIn,
    Duration longestDeclared,
    Duration declareWithin) {}

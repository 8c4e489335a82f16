package org.platewatch.server.hotlist;

import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;

/** The problem types of the hot-list API; slugs never change once published. */
final class HotlistProblems {

    static final ProblemType FILE_REJECTED = new ProblemType(
            "hotlist-file-rejected",
            "The list file was rejected whole; the previous list stays in force",
            HttpStatus.valueOf(422));
    static final ProblemType IMMIGRATION_LIST_FORBIDDEN = new ProblemType(
            "immigration-list-forbidden",
            "The California Values Act (Gov. Code § 7284.6) forbids immigration hot lists",
            HttpStatus.valueOf(422));
    static final ProblemType SOURCE_NOT_ALLOWED = new ProblemType(
            "hotlist-source-not-allowed",
            "The department's policy does not allow this hot-list source",
            HttpStatus.valueOf(422));

    static final ProblemType SHRINK_UNCONFIRMED = new ProblemType(
            "hotlist-shrink-unconfirmed",
            "The file would shrink the list in force by more than the allowed share; the previous list stays in force",
            HttpStatus.CONFLICT);

    private HotlistProblems() {}
}

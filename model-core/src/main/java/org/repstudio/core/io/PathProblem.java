package org.repstudio.core.io;

import java.nio.file.Path;

/**
 * Why one output of a command may not be written: it is a file the command reads, another output names
 * the same file, or its location cannot take a file. {@code role} is how the user named it ("-o",
 * "--trace", "the weights beside -o"); {@code other} the role it collides with, when it does.
 */
public record PathProblem(String role, Path path, Kind kind, String other) {

    /** The kinds of problem, each with the words the message uses. */
    public enum Kind {
        /** The output is one of the files the command reads. */
        OVERWRITES_INPUT,
        /** Two outputs of one command are the same file. */
        SAME_AS_OTHER_OUTPUT,
        /** The folder the output goes into does not exist. */
        NO_FOLDER,
        /** The output's parent is a file, not a folder. */
        PARENT_NOT_A_FOLDER,
        /** The folder exists but a file cannot be created in it. */
        FOLDER_NOT_WRITABLE,
        /** The output exists and is read-only. */
        FILE_NOT_WRITABLE,
        /** The output names a folder. */
        IS_A_FOLDER
    }

    /** One line for the user: role, path, and what is wrong. */
    public String message() {
        String where = role + " " + path;
        Path folder = path.toAbsolutePath().getParent();
        return switch (kind) {
            case OVERWRITES_INPUT -> where + " is " + other + ", which this command reads; it would be overwritten";
            case SAME_AS_OTHER_OUTPUT -> where + " is also " + other + "; two outputs cannot share one file";
            case NO_FOLDER -> where + ": the folder " + folder + " does not exist";
            case PARENT_NOT_A_FOLDER -> where + ": " + folder + " is a file, not a folder";
            case FOLDER_NOT_WRITABLE -> where + ": the folder " + folder + " is not writable";
            case FILE_NOT_WRITABLE -> where + ": the file exists and is read-only";
            case IS_A_FOLDER -> where + " is a folder, not a file name";
        };
    }
}

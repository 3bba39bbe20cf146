/**
 * Reading the files a user points stagger at, safely: every read is capped in bytes, refuses
 * devices and pipes before opening them, and fails with a reason in plain words.
 */
package dev.stagger.io;

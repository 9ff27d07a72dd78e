/**
 * Work started in the background at start-up (language models, note parsers) and JVM-wide
 * providers named once.
 */
package guichet.startup;

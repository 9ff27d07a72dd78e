/**
 * The jar's command line: {@code java -jar guichet.jar COMMAND …}, one class per command.
 */
package guichet.command;

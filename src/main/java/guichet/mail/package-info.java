/** Mail from Thymeleaf templates, and the public address its links point to. */
package guichet.mail;

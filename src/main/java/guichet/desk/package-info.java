/**
 * The committee's desk (issue #21): the list of applications, each application's page and
 * files, the exports.
 */
package guichet.desk;

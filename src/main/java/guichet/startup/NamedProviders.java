package guichet.startup;

/**
 * Names the providers that Jakarta Mail, Tika and POI would otherwise look up with a
 * ServiceLoader on every use. Any JVM that parses mail or reads notes calls it first:
 * Guichet, and the benchmark's floor and mail server.
 */
public final class NamedProviders {

	private NamedProviders() {
	}

	/**
	 * Sets each provider's system property, unless it is already set (an admin's -D
	 * wins).
	 */
	public static void install() {
		// Jakarta Mail looks its stream provider up on every header parsed and every part
		// decoded, which in a packaged jar means scanning the nested jars each time: a
		// sixth of the intake threads' time in the benchmark's profile. Naming the
		// provider makes it a plain class lookup.
		System.getProperties()
			.putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
		// The same for the XML parsers Tika and POI ask for on each document (and POI on
		// each part of a DOCX): the
		// JDK's own, which is what the lookup finds anyway, since no other is packaged.
		System.getProperties()
			.putIfAbsent("javax.xml.parsers.SAXParserFactory",
					"com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl");
		System.getProperties()
			.putIfAbsent("javax.xml.parsers.DocumentBuilderFactory",
					"com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
		System.getProperties()
			.putIfAbsent("javax.xml.stream.XMLInputFactory", "com.sun.xml.internal.stream.XMLInputFactoryImpl");
		System.getProperties()
			.putIfAbsent("javax.xml.transform.TransformerFactory",
					"com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
	}

}

package guichet.desk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import guichet.desk.ApplicationList.Row;
import guichet.pages.Times;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The list as it is filtered and sorted, for a spreadsheet: CSV in UTF-8 with a byte
 * order mark (so that Excel reads accents right), or XLSX through Apache POI (already
 * there for Tika). Cells an applicant wrote that a spreadsheet would take for a formula
 * get a leading apostrophe.
 */
@Controller
class ListExport {

	static final List<String> HEADERS = List.of("number", "applicant", "email", "organisation", "subject", "received",
			"language", "deadline", "pages", "flags", "copies", "missing", "id");

	private static final int NUMBER = HEADERS.indexOf("number");

	private static final int RECEIVED = HEADERS.indexOf("received");

	private static final int PAGES = HEADERS.indexOf("pages");

	private static final int COPIES = HEADERS.indexOf("copies");

	private final ApplicationList list;

	private final Times times;

	ListExport(ApplicationList list, Times times) {
		this.list = list;
		this.times = times;
	}

	@GetMapping("/applications.csv")
	void csv(ListQuery query, HttpServletResponse response) throws IOException {
		prepare(response, "text/csv;charset=UTF-8", "applications.csv");
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write('\uFEFF');
			out.write(line(HEADERS));
			IOException[] failure = new IOException[1];
			this.list.each(query, row -> {
				try {
					if (failure[0] == null) {
						out.write(line(cells(row)));
					}
				}
				catch (IOException ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
		}
	}

	@GetMapping("/applications.xlsx")
	void xlsx(ListQuery query, HttpServletResponse response) throws IOException {
		prepare(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "applications.xlsx");
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet("applications");
			CellStyle time = workbook.createCellStyle();
			time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
			write(sheet, 0, HEADERS);
			int[] next = { 1 };
			this.list.each(query, row -> {
				var written = write(sheet, next[0]++, cells(row));
				// numbers and times as a spreadsheet's own, so that they sort and add up
				written.getCell(NUMBER).setCellValue(row.number());
				written.getCell(COPIES).setCellValue(row.copies());
				if (row.pages() != null) {
					written.getCell(PAGES).setCellValue(row.pages());
				}
				if (row.receivedAt() != null) {
					written.getCell(RECEIVED).setCellValue(this.times.local(row.receivedAt()));
					written.getCell(RECEIVED).setCellStyle(time);
				}
			});
			OutputStream out = response.getOutputStream();
			workbook.write(out);
			out.flush();
		}
	}

	private List<String> cells(Row row) {
		return List.of(String.valueOf(row.number()), nullToEmpty(row.applicantName()), row.applicantEmail(),
				nullToEmpty(row.organisation()), nullToEmpty(row.subject()), this.times.of(row.receivedAt()),
				row.language(), row.deadlineStatus() == null ? "" : row.deadlineStatus().name(),
				row.pages() == null ? "" : row.pages().toString(),
				row.flags().stream().map(Enum::name).collect(Collectors.joining(" ")), String.valueOf(row.copies()),
				String.join(" ", row.missing()), row.id().toString());
	}

	private static org.apache.poi.ss.usermodel.Row write(Sheet sheet, int number, List<String> values) {
		var row = sheet.createRow(number);
		for (int i = 0; i < values.size(); i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(neutralised(values.get(i)));
		}
		return row;
	}

	private static void prepare(HttpServletResponse response, String type, String filename) {
		response.setContentType(type);
		response.setHeader("Content-Disposition",
				ContentDisposition.attachment().filename(filename).build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
	}

	static String line(List<String> values) {
		return values.stream().map(ListExport::quoted).collect(Collectors.joining(",")) + "\r\n";
	}

	private static String quoted(String value) {
		return "\"" + neutralised(value).replace("\"", "\"\"") + "\"";
	}

	/**
	 * A cell starting with = + - @ (or a tab or return) would be read as a formula: CSV
	 * injection.
	 */
	static String neutralised(String value) {
		String text = value == null ? "" : value;
		return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

}

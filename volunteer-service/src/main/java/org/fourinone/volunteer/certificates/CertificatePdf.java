package org.fourinone.volunteer.certificates;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.SplitCharacter;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.DefaultSplitCharacter;
import com.lowagie.text.pdf.PdfChunk;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link CertificateContent} as a one-page A4 PDF (志愿服务证明), with OpenPDF.
 *
 * <p>The text is set in the first usable font of the candidates, embedded as a subset (the PDF
 * carries only the glyphs it uses). A candidate is a font file path; a member of a
 * TrueType/OpenType collection is named {@code path.ttc,N} (OpenPDF's convention, N counted from
 * 0). OpenPDF embeds both TrueType and CFF (OpenType/PostScript) outlines, so the Noto CJK
 * collections of Debian's {@code fonts-noto-cjk} serve. The font is loaded on the first render and
 * kept: a loaded {@link BaseFont} is read-only and shared by concurrent renders. If no candidate
 * can be loaded, {@link #render} throws {@link IllegalStateException} (and tries again on the next
 * call, so a font installed later is picked up).
 *
 * <p>The page always stays one page: when the services or organisations are too many for the normal
 * size, the text is set smaller, and beyond that the longest lists are shortened (the remaining
 * services summed in one row, the remaining organisations counted).
 */
public final class CertificatePdf {

  /**
   * Where a CJK font usually is, in order: Noto Sans CJK SC (member 2 of the collection) on Debian
   * and Ubuntu ({@code fonts-noto-cjk}), Alpine, Arch and Fedora; WenQuanYi (Debian {@code
   * fonts-wqy-microhei}, {@code fonts-wqy-zenhei}); Microsoft YaHei and SimSun on Windows.
   */
  public static final List<String> DEFAULT_FONTS =
      List.of(
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/noto/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc,2",
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
          "C:/Windows/Fonts/msyh.ttc,0",
          "C:/Windows/Fonts/simsun.ttc,0");

  private static final Pattern COLLECTION_MEMBER =
      Pattern.compile("(?i)^(.+\\.(?:ttc|ttf|otf)),[^,/\\\\]*$");

  /** Characters a candidate must have to be used: a font without Chinese would print blanks. */
  private static final String CJK_PROBE = "志愿服务证明兹";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private static final Rectangle PAGE = PageSize.A4;
  private static final float SIDE = 72;
  private static final float TOP = 80;
  private static final float FOOTER_TOP = 96;
  private static final float FOOTER_BOTTOM = 44;
  private static final Color INK = new Color(0x1f, 0x1f, 0x1f);
  private static final Color MUTED = new Color(0x55, 0x55, 0x55);
  private static final Color FRAME = new Color(0x9b, 0x1c, 0x1c);
  private static final Color HEADER_FILL = new Color(0xf1, 0xee, 0xea);
  private static final Color RULE = new Color(0x99, 0x99, 0x99);

  /** The sizes tried in turn, as a share of the normal one, before lists are shortened. */
  private static final float[] SCALES = {1f, 0.9f, 0.8f, 0.7f};

  /**
   * Where OpenPDF may break a line (after any CJK character, a space or a hyphen), except before
   * closing and after opening punctuation (避头尾: no line starts with "，" or ends with "（").
   */
  private static final String NO_LINE_START = "，。、；：？！）》」』】〉”’%·…—,.;:?!)";

  private static final String NO_LINE_END = "（《「『【〈“‘(";
  private static final SplitCharacter LINE_BREAKS =
      new SplitCharacter() {
        @Override
        public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
          if (current + 1 < end && NO_LINE_START.indexOf(cc[current + 1]) >= 0) {
            return false;
          }
          return NO_LINE_END.indexOf(cc[current]) < 0
              && DefaultSplitCharacter.DEFAULT.isSplitCharacter(start, current, end, cc, ck);
        }
      };

  /** How many services and organisations a shortened certificate names. */
  private static final int[] SHORTENED = {20, 12, 6};

  private final List<String> fontCandidates;
  private final Object loading = new Object();
  private volatile BaseFont font;

  /**
   * @param fontCandidates font files to try in order, {@code path.ttc,N} for a collection's member
   */
  public CertificatePdf(List<String> fontCandidates) {
    this.fontCandidates = List.copyOf(fontCandidates);
  }

  /** A one-page A4 PDF of the certificate. */
  public byte[] render(CertificateContent c) {
    Objects.requireNonNull(c, "certificate content");
    BaseFont base = font();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    Document document = new Document(PAGE, SIDE, SIDE, TOP, FOOTER_TOP);
    PdfWriter writer = PdfWriter.getInstance(document, out);
    writer.setPdfVersion(PdfWriter.VERSION_1_7);
    document.addTitle("志愿服务证明 " + text(c.number()));
    if (c.issuer() != null && c.issuer().name() != null) {
      document.addAuthor(c.issuer().name());
    }
    writer.getExtraCatalog().put(PdfName.LANG, new PdfString("zh-CN"));
    document.open();
    PdfContentByte canvas = writer.getDirectContent();
    frame(canvas);
    body(canvas, base, c);
    footer(canvas, base, c);
    document.close();
    return out.toByteArray();
  }

  private BaseFont font() {
    BaseFont loaded = font;
    if (loaded != null) {
      return loaded;
    }
    synchronized (loading) {
      if (font == null) {
        font = load();
      }
      return font;
    }
  }

  private BaseFont load() {
    List<String> refused = new ArrayList<>();
    for (String candidate : fontCandidates) {
      if (candidate == null || candidate.isBlank()) {
        continue;
      }
      Matcher member = COLLECTION_MEMBER.matcher(candidate.trim());
      Path file = Path.of(member.matches() ? member.group(1) : candidate.trim());
      if (!Files.isReadable(file)) {
        refused.add(candidate + " (not readable)");
        continue;
      }
      try {
        BaseFont loaded =
            BaseFont.createFont(
                candidate.trim(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, null, null);
        if (CJK_PROBE.chars().allMatch(loaded::charExists)) {
          return loaded;
        }
        refused.add(candidate + " (no Chinese glyphs)");
      } catch (IOException | RuntimeException e) {
        refused.add(candidate + " (" + e.getMessage() + ")");
      }
    }
    throw new IllegalStateException(
        "No font for the volunteer service certificate: none of the candidates can be loaded: "
            + String.join("; ", refused.isEmpty() ? List.of("(no candidates)") : refused));
  }

  /** A double rule round the page. */
  private static void frame(PdfContentByte canvas) {
    canvas.saveState();
    canvas.setColorStroke(FRAME);
    canvas.setLineWidth(1.6f);
    canvas.rectangle(30, 30, PAGE.getWidth() - 60, PAGE.getHeight() - 60);
    canvas.stroke();
    canvas.setLineWidth(0.5f);
    canvas.rectangle(35, 35, PAGE.getWidth() - 70, PAGE.getHeight() - 70);
    canvas.stroke();
    canvas.restoreState();
  }

  /** Title, statement, services, organisations and issuer, as large as one page allows. */
  private static void body(PdfContentByte canvas, BaseFont base, CertificateContent c) {
    List<Layout> layouts = new ArrayList<>();
    for (float scale : SCALES) {
      layouts.add(new Layout(scale, Integer.MAX_VALUE));
    }
    for (int shortened : SHORTENED) {
      layouts.add(new Layout(SCALES[SCALES.length - 1], shortened));
    }
    for (int i = 0; i < layouts.size(); i++) {
      Layout layout = layouts.get(i);
      boolean last = i == layouts.size() - 1;
      if (last || fits(canvas, base, c, layout)) {
        ColumnText column = column(canvas, base, c, layout);
        column.go();
        return;
      }
    }
  }

  private static boolean fits(
      PdfContentByte canvas, BaseFont base, CertificateContent c, Layout layout) {
    return !ColumnText.hasMoreText(column(canvas, base, c, layout).go(true));
  }

  private record Layout(float scale, int longestList) {}

  private static ColumnText column(
      PdfContentByte canvas, BaseFont base, CertificateContent c, Layout layout) {
    ColumnText column = new ColumnText(canvas);
    column.setSimpleColumn(SIDE, FOOTER_TOP, PAGE.getWidth() - SIDE, PAGE.getHeight() - TOP);
    for (Element element : elements(base, c, layout)) {
      column.addElement(element);
    }
    return column;
  }

  private static List<Element> elements(BaseFont base, CertificateContent c, Layout layout) {
    float s = layout.scale();
    float size = 13.5f * s;
    Font regular = new Font(base, size, Font.NORMAL, INK);
    Font small = new Font(base, 10.5f * s, Font.NORMAL, MUTED);
    List<Element> elements = new ArrayList<>();

    Chunk titleText = new Chunk("志愿服务证明", new Font(base, 28 * s, Font.NORMAL, INK));
    // a wider spacing would make text extraction split the title (志 愿 服 务 证 明)
    titleText.setCharacterSpacing(2.5f * s);
    titleText.setTextRenderMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE, 0.8f * s, null);
    Paragraph title = new Paragraph(titleText);
    title.setAlignment(Element.ALIGN_CENTER);
    title.setLeading(0, 1.3f);
    elements.add(title);

    Paragraph number = new Paragraph("证明编号：" + text(c.number()), small);
    number.setAlignment(Element.ALIGN_RIGHT);
    number.setSpacingBefore(14 * s);
    elements.add(number);

    Paragraph statement =
        paragraph(
            "兹证明 "
                + text(c.volunteerName())
                + "（"
                + text(c.idType())
                + " "
                + text(c.idNumberMasked())
                + "，志愿者编号 "
                + text(c.volunteerNumber())
                + "）于 "
                + date(c.from())
                + " 至 "
                + date(c.to())
                + " 期间参加志愿服务，经审核认定服务时长共计 "
                + hours(c.hours())
                + " 小时（"
                + c.records()
                + " 次）。",
            regular);
    statement.setLeading(0, 2f);
    statement.setFirstLineIndent(2 * size);
    statement.setAlignment(Element.ALIGN_LEFT);
    statement.setSpacingBefore(22 * s);
    elements.add(statement);

    elements.add(heading("服务情况", base, s));
    elements.add(services(base, c.services(), layout));

    elements.add(heading("服务组织", base, s));
    Paragraph organisations = paragraph(organisations(c.organisations(), layout), regular);
    organisations.setLeading(0, 1.8f);
    organisations.setIndentationLeft(2 * size);
    elements.add(organisations);

    elements.add(issuer(base, c, s));
    return elements;
  }

  /** A paragraph of running text, broken into lines by {@link #LINE_BREAKS}. */
  private static Paragraph paragraph(String text, Font font) {
    Chunk chunk = new Chunk(text, font);
    chunk.setSplitCharacter(LINE_BREAKS);
    return new Paragraph(chunk);
  }

  private static Paragraph heading(String text, BaseFont base, float s) {
    Chunk chunk = new Chunk(text, new Font(base, 14 * s, Font.NORMAL, INK));
    chunk.setTextRenderMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE, 0.35f * s, null);
    Paragraph heading = new Paragraph(chunk);
    heading.setLeading(0, 1.4f);
    heading.setSpacingBefore(20 * s);
    heading.setSpacingAfter(8 * s);
    return heading;
  }

  private static PdfPTable services(
      BaseFont base, List<CertificateContent.Service> services, Layout layout) {
    float s = layout.scale();
    Font head = new Font(base, 12 * s, Font.NORMAL, INK);
    Font cell = new Font(base, 12 * s, Font.NORMAL, INK);
    PdfPTable table = new PdfPTable(new float[] {6, 3, 2});
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    table.addCell(cell("服务类别", head, Element.ALIGN_CENTER, HEADER_FILL, s));
    table.addCell(cell("服务时长（小时）", head, Element.ALIGN_CENTER, HEADER_FILL, s));
    table.addCell(cell("服务次数", head, Element.ALIGN_CENTER, HEADER_FILL, s));
    List<CertificateContent.Service> rows = services == null ? List.of() : services;
    if (rows.isEmpty()) {
      PdfPCell none = cell("—", cell, Element.ALIGN_CENTER, null, s);
      none.setColspan(3);
      table.addCell(none);
      return table;
    }
    int shown = rows.size() > layout.longestList() ? layout.longestList() - 1 : rows.size();
    for (CertificateContent.Service service : rows.subList(0, shown)) {
      table.addCell(cell(text(service.kind()), cell, Element.ALIGN_LEFT, null, s));
      table.addCell(cell(hours(service.hours()), cell, Element.ALIGN_CENTER, null, s));
      table.addCell(cell(String.valueOf(service.times()), cell, Element.ALIGN_CENTER, null, s));
    }
    if (shown < rows.size()) {
      List<CertificateContent.Service> rest = rows.subList(shown, rows.size());
      BigDecimal restHours =
          rest.stream()
              .map(CertificateContent.Service::hours)
              .filter(Objects::nonNull)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      int restTimes = rest.stream().mapToInt(CertificateContent.Service::times).sum();
      table.addCell(cell("其余 " + rest.size() + " 类服务", cell, Element.ALIGN_LEFT, null, s));
      table.addCell(cell(hours(restHours), cell, Element.ALIGN_CENTER, null, s));
      table.addCell(cell(String.valueOf(restTimes), cell, Element.ALIGN_CENTER, null, s));
    }
    return table;
  }

  private static PdfPCell cell(String text, Font font, int alignment, Color fill, float s) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setHorizontalAlignment(alignment);
    cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
    cell.setPaddingTop(5 * s);
    cell.setPaddingBottom(8 * s);
    cell.setPaddingLeft(8 * s);
    cell.setPaddingRight(8 * s);
    cell.setBorderColor(RULE);
    cell.setBorderWidth(0.5f);
    cell.setBackgroundColor(fill);
    cell.setUseAscender(true);
    return cell;
  }

  private static String organisations(List<String> organisations, Layout layout) {
    List<String> names =
        organisations == null
            ? List.of()
            : organisations.stream().filter(o -> o != null && !o.isBlank()).toList();
    if (names.isEmpty()) {
      return "—";
    }
    if (names.size() > layout.longestList()) {
      return String.join("、", names.subList(0, layout.longestList()))
          + " 等 "
          + names.size()
          + " 个组织";
    }
    return String.join("、", names);
  }

  /** 出具单位, 负责人, 经办人, 联系方式 and 出具日期, on the right half of the page. */
  private static PdfPTable issuer(BaseFont base, CertificateContent c, float s) {
    Font label = new Font(base, 12.5f * s, Font.NORMAL, MUTED);
    Font value = new Font(base, 12.5f * s, Font.NORMAL, INK);
    CertificateContent.Issuer issuer = c.issuer();
    PdfPTable table = new PdfPTable(new float[] {2, 6});
    table.setWidthPercentage(72);
    table.setHorizontalAlignment(Element.ALIGN_RIGHT);
    table.setSpacingBefore(56 * s);
    String[][] rows = {
      {"出具单位", issuer == null ? "—" : text(issuer.name())},
      {"负责人", issuer == null ? "—" : text(issuer.head())},
      {"经办人", issuer == null ? "—" : text(issuer.handler())},
      {"联系方式", issuer == null ? "—" : text(issuer.contact())},
      {"出具日期", date(c.issuedOn())}
    };
    for (String[] row : rows) {
      table.addCell(plain(row[0] + "：", label, Element.ALIGN_RIGHT, s));
      table.addCell(plain(row[1], value, Element.ALIGN_LEFT, s));
    }
    return table;
  }

  private static PdfPCell plain(String text, Font font, int alignment, float s) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setBorder(Rectangle.NO_BORDER);
    cell.setHorizontalAlignment(alignment);
    cell.setPaddingTop(3 * s);
    cell.setPaddingBottom(7 * s);
    cell.setPaddingLeft(2);
    cell.setPaddingRight(2);
    cell.setUseAscender(true);
    return cell;
  }

  /** A rule and "验证：{url}" at the foot of the page, whatever the size of the body. */
  private static void footer(PdfContentByte canvas, BaseFont base, CertificateContent c) {
    float left = SIDE;
    float right = PAGE.getWidth() - SIDE;
    canvas.saveState();
    canvas.setColorStroke(RULE);
    canvas.setLineWidth(0.4f);
    canvas.moveTo(left, FOOTER_TOP - 14);
    canvas.lineTo(right, FOOTER_TOP - 14);
    canvas.stroke();
    canvas.restoreState();
    ColumnText column = new ColumnText(canvas);
    column.setSimpleColumn(left, FOOTER_BOTTOM, right, FOOTER_TOP - 18);
    Paragraph verification =
        new Paragraph("验证：" + text(c.verificationUrl()), new Font(base, 9.5f, Font.NORMAL, MUTED));
    verification.setLeading(0, 1.5f);
    verification.setAlignment(Element.ALIGN_CENTER);
    column.addElement(verification);
    column.go();
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? "—" : value.strip();
  }

  private static String date(LocalDate date) {
    return date == null ? "—" : DATE.format(date);
  }

  private static String hours(BigDecimal hours) {
    return hours == null ? "—" : hours.stripTrailingZeros().toPlainString();
  }
}

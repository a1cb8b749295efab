package org.fourinone.volunteer.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.PageSize;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatePdfTest {
  private static final String CLEAR_ID = "110101199003071234";
  private static final String MASKED_ID = "110101********1234";

  private final CertificatePdf pdf = new CertificatePdf(CertificatePdf.DEFAULT_FONTS);

  @Test
  void statesTheVolunteerTheHoursAndTheNumberWithTheIdNumberMasked() throws IOException {
    byte[] bytes = pdf.render(certificate(0));

    String text = text(bytes);
    String compact = text.replaceAll("\\s+", "");
    assertThat(compact)
        .contains("志愿服务证明")
        .contains("张三")
        .contains("V1100000012345")
        .contains("36.5小时（15次）")
        .contains("2025年1月5日至2026年11月30日")
        .contains("证明编号：ZYZM-2026-000123")
        .contains("出具日期：2026年12月1日")
        .contains("社区环境整治")
        .contains("阳光助老服务中心")
        .contains("负责人：李四")
        .contains("验证：https://volunteer.example.org/certificates/ZYZM-2026-000123")
        .contains(MASKED_ID)
        .doesNotContain(CLEAR_ID);
    assertThat(text).doesNotContainPattern("\\d{17}[\\dX]");
  }

  @Test
  void isOneA4PageWithTheFontEmbedded() throws IOException {
    PdfReader reader = new PdfReader(pdf.render(certificate(0)));
    try {
      assertThat(reader.getNumberOfPages()).isEqualTo(1);
      Rectangle page = reader.getPageSize(1);
      assertThat(page.getWidth()).isEqualTo(PageSize.A4.getWidth());
      assertThat(page.getHeight()).isEqualTo(PageSize.A4.getHeight());
      PdfDictionary fonts = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.FONT);
      assertThat(fonts.getKeys()).isNotEmpty();
      for (PdfName name : fonts.getKeys()) {
        PdfDictionary font = fonts.getAsDict(name);
        PdfDictionary descriptor =
            font.getAsArray(PdfName.DESCENDANTFONTS).getAsDict(0).getAsDict(PdfName.FONTDESCRIPTOR);
        assertThat(descriptor.contains(PdfName.FONTFILE2) || descriptor.contains(PdfName.FONTFILE3))
            .as("font %s is embedded", font.getAsName(PdfName.BASEFONT))
            .isTrue();
        assertThat(font.getAsName(PdfName.BASEFONT).toString())
            .as("embedded as a subset")
            .matches("/[A-Z]{6}\\+.*");
      }
    } finally {
      reader.close();
    }
  }

  @Test
  void staysOnePageWithManyServicesAndOrganisations() throws IOException {
    byte[] bytes = pdf.render(certificate(60));

    PdfReader reader = new PdfReader(bytes);
    try {
      assertThat(reader.getNumberOfPages()).isEqualTo(1);
    } finally {
      reader.close();
    }
    assertThat(text(bytes).replaceAll("\\s+", ""))
        .contains("V1100000012345")
        .contains("ZYZM-2026-000123")
        .contains("其余");
  }

  @Test
  void withoutAReadableFontItSaysWhichFilesItTried() {
    CertificatePdf withoutFont =
        new CertificatePdf(List.of("/nonexistent/a.ttc,2", "/nonexistent/b.ttf"));

    assertThatThrownBy(() -> withoutFont.render(certificate(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent/a.ttc,2")
        .hasMessageContaining("/nonexistent/b.ttf");
  }

  private static String text(byte[] pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf);
    try {
      StringBuilder text = new StringBuilder();
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    } finally {
      reader.close();
    }
  }

  /** A certificate of three services and two organisations, and {@code more} of each. */
  private static CertificateContent certificate(int more) {
    List<CertificateContent.Service> services = new ArrayList<>();
    services.add(new CertificateContent.Service("为老服务（助餐、陪伴）", new BigDecimal("20.50"), 9));
    services.add(new CertificateContent.Service("社区环境整治", new BigDecimal("12"), 4));
    services.add(new CertificateContent.Service("文明实践宣讲", new BigDecimal("4.0"), 2));
    List<String> organisations = new ArrayList<>(List.of("幸福里社区志愿服务站", "阳光助老服务中心"));
    for (int i = 1; i <= more; i++) {
      services.add(new CertificateContent.Service("服务类别" + i, new BigDecimal("1.5"), 1));
      organisations.add("第" + i + "社会组织服务中心");
    }
    return new CertificateContent(
        "ZYZM-2026-000123",
        "张三",
        "居民身份证",
        MASKED_ID,
        "V1100000012345",
        LocalDate.of(2025, 1, 5),
        LocalDate.of(2026, 11, 30),
        new BigDecimal("36.50"),
        15,
        services,
        organisations,
        new CertificateContent.Issuer("北京市东城区幸福里社区志愿服务站", "李四", "王五", "010-12345678"),
        LocalDate.of(2026, 12, 1),
        "https://volunteer.example.org/certificates/ZYZM-2026-000123");
  }
}

package org.fourinone.sanshe.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fourinone.sanshe.statistics.SansheStatistics.Figures;
import org.fourinone.sanshe.statistics.SansheStatistics.KeyCount;
import org.fourinone.sanshe.statistics.SansheStatistics.RatingSummary;

/**
 * The figures as an .xlsx workbook (Apache POI), the format district offices exchange: one sheet
 * per subject, a header row, numbers as numbers.
 */
final class StatisticsWorkbook {

  private StatisticsWorkbook() {}

  static final Map<String, String> GROUPS =
      Map.ofEntries(
          Map.entry("byKind", "类型"),
          Map.entry("bySettlementLevel", "入驻层级"),
          Map.entry("byStars", "星级"),
          Map.entry("byStatus", "状态"),
          Map.entry("byItem", "服务项"),
          Map.entry("byCategory", "服务类别"),
          Map.entry("byOrganisation", "承接组织"),
          Map.entry("byState", "派单状态"),
          Map.entry("byQualification", "职业资格"));

  static byte[] write(Figures figures) {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet scope = book.createSheet("范围");
      header(scope, bold, "社区", "街道", "工单总数");
      Row row = scope.createRow(1);
      row.createCell(0).setCellValue(text(figures.scope().communityId(), "全区"));
      row.createCell(1).setCellValue(text(figures.scope().streetId(), "—"));
      row.createCell(2).setCellValue(figures.orders());
      counts(book.createSheet("社会组织"), bold, figures.organisations());
      counts(book.createSheet("工单"), bold, figures.ordersBy());
      Sheet times = book.createSheet("时效");
      header(times, bold, "指标", "工单数", "中位数（分钟）");
      median(times, 1, "接单时长", figures.timeToAccept());
      median(times, 2, "办结时长", figures.timeToComplete());
      Sheet satisfaction = book.createSheet("满意度");
      header(satisfaction, bold, "分组", "对象", "评价数", "平均分（1–5）", "好评率");
      int r = 1;
      r = satisfaction(satisfaction, r, "组织", figures.satisfactionByOrganisation());
      satisfaction(satisfaction, r, "服务项", figures.satisfactionByItem());
      counts(book.createSheet("社工"), bold, figures.socialWorkers());
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void counts(Sheet sheet, CellStyle bold, Map<String, List<KeyCount>> groups) {
    header(sheet, bold, "分组", "项目", "数量");
    int r = 1;
    for (var group : groups.entrySet()) {
      for (KeyCount count : group.getValue()) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(GROUPS.getOrDefault(group.getKey(), group.getKey()));
        row.createCell(1).setCellValue(count.key());
        row.createCell(2).setCellValue(count.count());
      }
    }
    for (int c = 0; c < 3; c++) {
      sheet.setColumnWidth(c, 24 * 256);
    }
  }

  private static void median(Sheet sheet, int r, String name, SansheStatistics.MedianTime median) {
    Row row = sheet.createRow(r);
    row.createCell(0).setCellValue(name);
    row.createCell(1).setCellValue(median.count());
    Cell value = row.createCell(2);
    if (median.medianMinutes() != null) {
      value.setCellValue(median.medianMinutes());
    }
  }

  private static int satisfaction(Sheet sheet, int r, String group, List<RatingSummary> all) {
    for (RatingSummary s : all) {
      Row row = sheet.createRow(r++);
      row.createCell(0).setCellValue(group);
      row.createCell(1).setCellValue(s.key());
      row.createCell(2).setCellValue(s.rated());
      row.createCell(3).setCellValue(s.average());
      row.createCell(4).setCellValue(s.goodRate());
    }
    return r;
  }

  private static void header(Sheet sheet, CellStyle bold, String... names) {
    Row row = sheet.createRow(0);
    for (int i = 0; i < names.length; i++) {
      Cell cell = row.createCell(i);
      cell.setCellValue(names[i]);
      cell.setCellStyle(bold);
    }
  }

  private static String text(String value, String otherwise) {
    return value == null ? otherwise : value;
  }
}

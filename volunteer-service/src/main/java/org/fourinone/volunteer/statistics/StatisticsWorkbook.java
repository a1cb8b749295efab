package org.fourinone.volunteer.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fourinone.volunteer.statistics.VolunteerStatistics.Figures;

/** The figures as an .xlsx workbook (Apache POI): one sheet per subject, numbers as numbers. */
final class StatisticsWorkbook {

  private StatisticsWorkbook() {}

  static byte[] write(Figures f) {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet summary = book.createSheet("概况");
      header(summary, bold, "指标", "数值");
      Map<String, Object> rows = new java.util.LinkedHashMap<>();
      rows.put(
          "范围",
          f.scope().communityId() != null
              ? f.scope().communityId()
              : f.scope().streetId() != null ? f.scope().streetId() : "全区");
      rows.put("年度", f.scope().year());
      rows.put("注册志愿者", f.registered());
      rows.put("在册（活跃）志愿者", f.active());
      rows.put("其中党员", f.partyMembers());
      rows.put("认定服务时长（小时）", f.approvedHours().doubleValue());
      rows.put("认定服务记录", f.approvedRecords());
      rows.put("待审核记录", f.pendingRecords());
      rows.put("服务需求", f.needs());
      rows.put("已匹配需求", f.needsMatched());
      rows.put("未匹配需求", f.needsUnmatched());
      rows.put("匹配时长中位数（分钟）", f.medianMinutesToMatch());
      rows.put("活动", f.activities());
      rows.put("报名人次", f.signups());
      int r = 1;
      for (var entry : rows.entrySet()) {
        Row row = summary.createRow(r++);
        row.createCell(0).setCellValue(entry.getKey());
        Object value = entry.getValue();
        if (value instanceof Number n) {
          row.createCell(1).setCellValue(n.doubleValue());
        } else if (value != null) {
          row.createCell(1).setCellValue(value.toString());
        }
      }
      counts(book.createSheet("志愿者状态"), bold, "状态", f.volunteersByStatus());
      counts(book.createSheet("队伍"), bold, "层级", f.teamsByLevel());
      summary.setColumnWidth(0, 28 * 256);
      summary.setColumnWidth(1, 16 * 256);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void counts(Sheet sheet, CellStyle bold, String name, Map<String, Long> counts) {
    header(sheet, bold, name, "数量");
    int r = 1;
    for (var entry : counts.entrySet()) {
      Row row = sheet.createRow(r++);
      row.createCell(0).setCellValue(entry.getKey());
      row.createCell(1).setCellValue(entry.getValue());
    }
    sheet.setColumnWidth(0, 20 * 256);
  }

  private static void header(Sheet sheet, CellStyle bold, String... names) {
    Row row = sheet.createRow(0);
    for (int c = 0; c < names.length; c++) {
      var cell = row.createCell(c);
      cell.setCellValue(names[c]);
      cell.setCellStyle(bold);
    }
  }
}

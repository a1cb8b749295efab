package org.fourinone.publicservice.orders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fourinone.kit.json.ClasspathJson;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.spi.AssigneeRegistry;

/**
 * The departments the platform routes applications to (人社, 民政, 卫健, 残联, 工会 …, from {@code
 * departments.json}), and the check that an application goes to one that decides its kind: 低保申请 to
 * civil affairs, not to health. Other kinds of assignee (for a 百姓诉求) are not registered here and
 * are accepted as named.
 */
public class Departments implements AssigneeRegistry {

  static final String REGISTRY = "org/fourinone/publicservice/orders/departments.json";

  record Department(String code, String name) {}

  /** A department as the API shows it: code, name, and the items it decides. */
  public record DepartmentView(String code, String name, List<String> decides) {}

  private final List<Department> all;
  private final Map<String, String> names;
  private final PublicOrderTypes types;

  Departments(PublicOrderTypes types) {
    this.types = types;
    this.all = ClasspathJson.readList(REGISTRY, Department.class);
    this.names = all.stream().collect(Collectors.toMap(Department::code, Department::name));
  }

  /** Every department, with the items it decides (a 百姓诉求 may go to any). */
  List<DepartmentView> all() {
    return all.stream()
        .map(
            d ->
                new DepartmentView(
                    d.code(),
                    d.name(),
                    types.all().stream()
                        .map(r -> r.type().code())
                        .filter(code -> types.departmentsOf(code).contains(d.code()))
                        .toList()))
        .toList();
  }

  @Override
  public void requireAssignable(Order order, Order.Assignment assignment) {
    if (assignment.assigneeType() != AssigneeType.DEPARTMENT) {
      return;
    }
    if (!names.containsKey(assignment.assignee())) {
      throw Problem.unprocessable("order.unknown-department", assignment.assignee())
          .with("allowed", names.keySet());
    }
    Set<String> deciding = types.departmentsOf(order.orderType().code());
    if (!deciding.isEmpty() && !deciding.contains(assignment.assignee())) {
      throw Problem.unprocessable(
              "order.department-not-responsible",
              names.get(assignment.assignee()),
              order.orderType().name())
          .with("allowed", deciding);
    }
  }
}

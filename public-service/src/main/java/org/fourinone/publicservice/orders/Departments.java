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
 * The departments the platform routes applications to (人社, 民政, 卫健, 残联, 工会 …, from
 * {@code departments.json}), and the check that an application goes to one that decides its kind:
 * 低保申请 to civil affairs, not to health. Other kinds of assignee (for a 百姓诉求) are not
 * registered here and are accepted as named.
 */
public class Departments implements AssigneeRegistry {

  static final String REGISTRY = "org/fourinone/publicservice/orders/departments.json";

  record Department(String code, String name) {}

  private final Map<String, String> names;
  private final PublicOrderTypes types;

  Departments(PublicOrderTypes types) {
    this.types = types;
    List<Department> all = ClasspathJson.readList(REGISTRY, Department.class);
    this.names = all.stream().collect(Collectors.toMap(Department::code, Department::name));
  }

  @Override
  public void requireAssignable(Order order, Order.Assignment assignment) {
    if (assignment.assigneeType() != AssigneeType.DEPARTMENT) {
      return;
    }
    if (!names.containsKey(assignment.assignee())) {
      throw Problem.unprocessable("order.unknown-department", assignment.assignee()).with("allowed", names.keySet());
    }
    Set<String> deciding = types.departmentsOf(order.orderType().code());
    if (!deciding.isEmpty() && !deciding.contains(assignment.assignee())) {
      throw Problem.unprocessable("order.department-not-responsible", names.get(assignment.assignee()), order.orderType().name())
          .with("allowed", deciding);
    }
  }
}

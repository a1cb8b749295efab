package org.fourinone.publicservice.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public")
@Tag(name = "departments", description = "后台协同办理的部门，及各自办理的事项")
class DepartmentController {

  private final Departments departments;

  DepartmentController(Departments departments) {
    this.departments = departments;
  }

  @GetMapping("/departments")
  @Operation(summary = "部门列表：派单（DEPARTMENT）时可选的部门，及每个部门办理的事项")
  List<Departments.DepartmentView> departments() {
    AccessPolicy.requireBusinessRole(Actor.current());
    return departments.all();
  }
}

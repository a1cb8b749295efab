package org.fourinone.publicservice.geography;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public")
@Tag(name = "geography", description = "街道与社区：位置、办公电话、地址")
class GeographyController {

  private final Geography geography;

  GeographyController(Geography geography) {
    this.geography = geography;
  }

  @GetMapping("/communities")
  @Operation(summary = "社区列表（可按街道筛选）")
  List<Community> communities(@RequestParam(required = false) String streetId) {
    AccessPolicy.requireBusinessRole(Actor.current());
    List<Community> all = geography.all();
    return streetId == null
        ? all
        : all.stream().filter(c -> c.streetId().equals(streetId)).toList();
  }

  @GetMapping("/communities/{communityId}")
  @Operation(summary = "一个社区的详情")
  Community community(@PathVariable String communityId) {
    AccessPolicy.requireBusinessRole(Actor.current());
    return geography
        .find(communityId)
        .orElseThrow(() -> Problem.notFound("community.not-found", communityId));
  }
}

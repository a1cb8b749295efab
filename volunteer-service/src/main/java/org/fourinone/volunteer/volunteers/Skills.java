package org.fourinone.volunteer.volunteers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fourinone.kit.json.ClasspathJson;
import org.fourinone.kit.problem.Problem;

/**
 * The district's catalogue of volunteer skills (服务技能), from a classpath file: what volunteers
 * offer, what needs ask for ({@code volunteerWanted.skill} of an order), and the kind of service
 * the time bank credits by.
 */
public class Skills {

  /** One skill: code, 中文名, English name, group. */
  public record Skill(String code, String name, String nameEn, String group) {}

  private final Map<String, Skill> byCode = new LinkedHashMap<>();

  public Skills(String resource) {
    for (Skill skill : ClasspathJson.readList(resource, Skill.class)) {
      byCode.put(skill.code(), skill);
    }
  }

  public List<Skill> all() {
    return List.copyOf(byCode.values());
  }

  public Optional<Skill> find(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** The skill, or 422 naming the field and the codes allowed. */
  public Skill require(String code, String field) {
    return find(code)
        .orElseThrow(
            () ->
                Problem.unprocessable("volunteer.unknown-skill", code)
                    .with("field", field)
                    .with("allowed", byCode.keySet()));
  }
}

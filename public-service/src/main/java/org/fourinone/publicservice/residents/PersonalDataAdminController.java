package org.fourinone.publicservice.residents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public/admin/personal-data")
@Tag(name = "personal-data", description = "个人信息加密密钥轮换")
class PersonalDataAdminController {

  private final PersonalDataRotation rotation;

  PersonalDataAdminController(PersonalDataRotation rotation) {
    this.rotation = rotation;
  }

  @PostMapping("/re-encrypt")
  @Operation(summary = "用当前密钥重新加密全部居民的身份证号、手机号并重算散列（仅区管理员；记入审计日志）")
  PersonalDataRotation.ReEncryptionReport reEncrypt() {
    return rotation.reEncryptForCaller();
  }
}

import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import elEn from 'element-plus/es/locale/lang/en.mjs'
import elZh from 'element-plus/es/locale/lang/zh-cn.mjs'

/** Element Plus's locale pack for the interface language (for <el-config-provider>). */
export function useElementLocale() {
  const { locale } = useI18n()
  return computed(() => (locale.value === 'en' ? elEn : elZh))
}

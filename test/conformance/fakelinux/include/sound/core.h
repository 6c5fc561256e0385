/* Nothing from <sound/core.h> is used by the configuration reader. */

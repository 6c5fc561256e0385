/*
 * What the configuration reader uses of <sound/pcm.h>: struct snd_pcm_hardware, the rate and
 * format bits (ALSA's ABI numbers) and SNDRV_PCM_DEVICES, which depends on the guest
 * kernel's CONFIG_SND_DYNAMIC_MINORS exactly as in include/sound/pcm.h and minors.h.
 */
#ifndef FAKELINUX_PCM_H
#define FAKELINUX_PCM_H
struct snd_pcm_hardware {
  unsigned int info;
  u64 formats;
  unsigned int rates;
  unsigned int rate_min;
  unsigned int rate_max;
  unsigned int channels_min;
  unsigned int channels_max;
  size_t buffer_bytes_max;
  size_t period_bytes_min;
  size_t period_bytes_max;
  unsigned int periods_min;
  unsigned int periods_max;
  size_t fifo_size;
};

#define SNDRV_PCM_INFO_MMAP 0x00000001
#define SNDRV_PCM_INFO_MMAP_VALID 0x00000002
#define SNDRV_PCM_INFO_INTERLEAVED 0x00000100
#define SNDRV_PCM_INFO_RESUME 0x00040000

#define SNDRV_PCM_RATE_5512 (1U << 0)
#define SNDRV_PCM_RATE_8000 (1U << 1)
#define SNDRV_PCM_RATE_11025 (1U << 2)
#define SNDRV_PCM_RATE_16000 (1U << 3)
#define SNDRV_PCM_RATE_22050 (1U << 4)
#define SNDRV_PCM_RATE_32000 (1U << 5)
#define SNDRV_PCM_RATE_44100 (1U << 6)
#define SNDRV_PCM_RATE_48000 (1U << 7)
#define SNDRV_PCM_RATE_64000 (1U << 8)
#define SNDRV_PCM_RATE_88200 (1U << 9)
#define SNDRV_PCM_RATE_96000 (1U << 10)
#define SNDRV_PCM_RATE_176400 (1U << 11)
#define SNDRV_PCM_RATE_192000 (1U << 12)
#define SNDRV_PCM_RATE_CONTINUOUS (1U << 30)
#define SNDRV_PCM_RATE_KNOT (1U << 31)
#define SNDRV_PCM_RATE_8000_48000 (SNDRV_PCM_RATE_8000 | SNDRV_PCM_RATE_11025 | SNDRV_PCM_RATE_16000 | \
  SNDRV_PCM_RATE_22050 | SNDRV_PCM_RATE_32000 | SNDRV_PCM_RATE_44100 | SNDRV_PCM_RATE_48000)

/* Bit n is ALSA's SNDRV_PCM_FORMAT_* number n (include/uapi/sound/asound.h). */
#define SNDRV_PCM_FMTBIT_S8 (1ULL << 0)
#define SNDRV_PCM_FMTBIT_U8 (1ULL << 1)
#define SNDRV_PCM_FMTBIT_S16_LE (1ULL << 2)
#define SNDRV_PCM_FMTBIT_S16_BE (1ULL << 3)
#define SNDRV_PCM_FMTBIT_U16_LE (1ULL << 4)
#define SNDRV_PCM_FMTBIT_U16_BE (1ULL << 5)
#define SNDRV_PCM_FMTBIT_S24_LE (1ULL << 6)
#define SNDRV_PCM_FMTBIT_S24_BE (1ULL << 7)
#define SNDRV_PCM_FMTBIT_U24_LE (1ULL << 8)
#define SNDRV_PCM_FMTBIT_U24_BE (1ULL << 9)
#define SNDRV_PCM_FMTBIT_S32_LE (1ULL << 10)
#define SNDRV_PCM_FMTBIT_S32_BE (1ULL << 11)
#define SNDRV_PCM_FMTBIT_U32_LE (1ULL << 12)
#define SNDRV_PCM_FMTBIT_U32_BE (1ULL << 13)
#define SNDRV_PCM_FMTBIT_FLOAT_LE (1ULL << 14)
#define SNDRV_PCM_FMTBIT_FLOAT_BE (1ULL << 15)
#define SNDRV_PCM_FMTBIT_FLOAT64_LE (1ULL << 16)
#define SNDRV_PCM_FMTBIT_FLOAT64_BE (1ULL << 17)
#define SNDRV_PCM_FMTBIT_IEC958_SUBFRAME_LE (1ULL << 18)
#define SNDRV_PCM_FMTBIT_IEC958_SUBFRAME_BE (1ULL << 19)
#define SNDRV_PCM_FMTBIT_MU_LAW (1ULL << 20)
#define SNDRV_PCM_FMTBIT_A_LAW (1ULL << 21)
#define SNDRV_PCM_FMTBIT_IMA_ADPCM (1ULL << 22)
#define SNDRV_PCM_FMTBIT_MPEG (1ULL << 23)
#define SNDRV_PCM_FMTBIT_GSM (1ULL << 24)

#if defined(CONFIG_SND_DYNAMIC_MINORS)
#define SNDRV_OS_MINORS 256
#define SNDRV_PCM_DEVICES (SNDRV_OS_MINORS - 2)
#else
#define SNDRV_PCM_DEVICES 8
#endif
#endif

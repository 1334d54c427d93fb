"""Places inside unit names: "Hebei Provincial Committee", "Kursk Oblast Coal Trust", "Tangshan Xinhe Mine".

A place named inside a longer name is an entity of its own, which the unit is
located in (gold annotation rule "nested names"). Three shapes say so:

- a place word inside the name, with more after it: "Kursk Oblast Coal Trust"
  holds "Kursk Oblast";
- an adjective of a level of government: "Hebei Provincial Committee",
  "Datong Municipal Bureau" hold "Hebei" and "Datong";
- a Chinese province or city first, then the unit's own name: "Tangshan Xinhe
  Coal Mine" holds "Tangshan", while in "Tangshan Coal Mine" the place *is*
  the mine's name and is left alone.

The last needs to know which words are places: :data:`CHINESE_PLACES` lists
China's provincial-level divisions and its larger cities, in the pinyin the
People's Daily translations write.
"""

from __future__ import annotations

from kg.nlp.lexicon import CAMPAIGN_HEADS, ENTERPRISE_HEADS, ORGANIZATION_HEADS
from kg.nlp.pinyin import is_pinyin

__all__ = ["CHINESE_PLACES", "nested_place"]

# Words that end a place's name and say what kind of place it is ("Kursk Oblast").
_PLACE_WORDS = frozenset("Province Oblast Region City County District Prefecture Krai".split())
# Adjectives of a level of government: the words before them name the place ("Hebei Provincial Committee").
_LEVEL_WORDS = frozenset("Municipal Provincial Prefectural Regional".split())
_HEADS = ENTERPRISE_HEADS | ORGANIZATION_HEADS | CAMPAIGN_HEADS
# Words that may open a unit name but are no place.
_NOT_PLACES = frozenset("The A An No. Central North South East West Northeast Northwest Southeast Southwest "
                        "New Red People's State Local".split())

CHINESE_PLACES = frozenset(
    # provinces, autonomous regions and municipalities
    """Beijing Tianjin Shanghai Chongqing Hebei Shanxi Liaoning Jilin Heilongjiang Jiangsu Zhejiang Anhui
    Fujian Jiangxi Shandong Henan Hubei Hunan Guangdong Hainan Sichuan Guizhou Yunnan Shaanxi Gansu Qinghai
    Taiwan Guangxi Tibet Ningxia Xinjiang Rehe Chahar Suiyuan Xikang Pingyuan"""
    # provincial capitals
    """ Shijiazhuang Baoding Taiyuan Shenyang Changchun Harbin Nanjing Hangzhou Hefei Fuzhou Nanchang Jinan
    Zhengzhou Kaifeng Wuhan Changsha Guangzhou Haikou Chengdu Guiyang Kunming Xi'an Lanzhou Xining Hohhot
    Nanning Lhasa Yinchuan Urumqi"""
    # other large and industrial cities
    """ Dalian Lushun Anshan Fushun Benxi Dandong Jinzhou Yingkou Fuxin Liaoyang Tieling Qiqihar Jixi Hegang
    Shuangyashan Jiamusi Mudanjiang Daqing Tonghua Siping Baotou Datong Yangquan Changzhi Tangshan Handan
    Zhangjiakou Qinhuangdao Xingtai Qingdao Zibo Zaozhuang Yantai Weifang Xuzhou Wuxi Suzhou Changzhou Nantong
    Yangzhou Ningbo Wenzhou Huainan Huaibei Wuhu Bengbu Anqing Xiamen Pingxiang Jingdezhen Ganzhou Luoyang
    Pingdingshan Jiaozuo Anyang Xinxiang Huangshi Daye Shashi Yichang Zhuzhou Xiangtan Hengyang Shaoguan
    Shantou Foshan Jiangmen Zhanjiang Liuzhou Guilin Wuzhou Zigong Luzhou Yibin Neijiang Leshan Panzhihua
    Dukou Baoji Xianyang Tongchuan Yumen Baiyin Tianshui Karamay Gejiu""".split()
)


def _proper(words: list[str]) -> bool:
    return bool(words) and words[0] not in _NOT_PLACES and all(
        w[:1].isupper() and w.lower() not in _HEADS and w not in _PLACE_WORDS | _LEVEL_WORDS for w in words
    )


def nested_place(name: str) -> str | None:
    """The place that the unit name ``name`` holds, as written, or None."""
    words = name.split(" of ")[0].split()  # "X Municipal Committee of the Party": the head is before "of"
    if len(words) < 3 or words[-1].lower() not in _HEADS:
        return None
    for k in range(1, len(words) - 1):
        if words[k] in _PLACE_WORDS and _proper(words[:k]):
            # "... Autonomous Region": the adjective belongs to the place
            return " ".join(words[: k + 1])
        if words[k] in _LEVEL_WORDS and _proper(words[:k]):
            return " ".join(words[:k])
    first, own = words[0], words[1]
    if first in CHINESE_PLACES and (own == "No." or own[:1].isupper() and own.lower() not in _HEADS
                                    and is_pinyin(own) and own not in CHINESE_PLACES):
        return first
    return None

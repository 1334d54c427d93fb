"""Pinyin: whether a romanised word splits into the syllables of Mandarin, and into how many.

Shared by the pipeline (personal names, :mod:`kg.nlp.persons`) and the extractor (places inside
names, Chinese names by transliteration), so it lives with the pipeline, below both.
"""

from __future__ import annotations

__all__ = ["PINYIN_SYLLABLES", "pinyin_syllables", "is_pinyin"]

# The syllables of pinyin: a romanised word that splits into them is read as pinyin, else by sound.
_SYLLABLES = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai can
    cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan
    chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian
    diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou
    fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao
    he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong
    jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la
    lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo ma
    mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen
    neng ni nia nian niang niao nie nin ning niu nong nou nu nuan nun nuo o ou pa pai pan pang pao pei pen
    peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
    ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai
    shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su
    suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa
    wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya
    yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai
    zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong
    zou zu zuan zui zun zuo
"""
PINYIN_SYLLABLES = frozenset(_SYLLABLES.split())


def pinyin_syllables(word: str) -> int:
    """How many pinyin syllables ``word`` splits into (fewest), or 0 when it does not.

    Case, hyphens and apostrophes are ignored ("Yong'an", "Xiao-ming").
    """
    word = word.lower().replace("-", "").replace("'", "").replace("’", "")
    none = len(word) + 1
    best = [0] + [none] * len(word)
    for i in range(len(word)):
        if best[i] < none:
            for j in range(i + 1, min(len(word), i + 6) + 1):
                if word[i:j] in PINYIN_SYLLABLES:
                    best[j] = min(best[j], best[i] + 1)
    return best[-1] if best[-1] < none else 0


def is_pinyin(word: str) -> bool:
    """Whether ``word`` splits into pinyin syllables ("Xinhe": xin-he)."""
    return pinyin_syllables(word) > 0

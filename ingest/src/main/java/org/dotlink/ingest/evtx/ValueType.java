package org.dotlink.ingest.evtx;

/** BinXML value type codes (libevtx documentation, "Value types"); {@link #ARRAY} is or-ed onto a base type. */
final class ValueType {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int INT8 = 0x03;
    static final int UINT8 = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0a;
    static final int REAL32 = 0x0b;
    static final int REAL64 = 0x0c;
    static final int BOOL = 0x0d;
    static final int BINARY = 0x0e;
    static final int GUID = 0x0f;
    static final int SIZE_T = 0x10;
    static final int FILETIME = 0x11;
    static final int SYSTEMTIME = 0x12;
    static final int SID = 0x13;
    static final int HEX_INT32 = 0x14;
    static final int HEX_INT64 = 0x15;
    static final int EVT_HANDLE = 0x20;
    static final int BIN_XML = 0x21;
    static final int EVT_XML = 0x23;
    static final int ARRAY = 0x80;

    private ValueType() {}

    /** Size in bytes of one value of a fixed-size type, or 0 for variable-size types. */
    static int fixedSize(int baseType) {
        return switch (baseType) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, REAL32, BOOL, HEX_INT32 -> 4;
            case INT64, UINT64, REAL64, FILETIME, HEX_INT64 -> 8;
            case GUID, SYSTEMTIME -> 16;
            default -> 0;
        };
    }
}

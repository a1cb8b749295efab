package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Stores a collection's documents in MVStore pages as BSON — the server's own wire codec — instead
 * of H2's default {@code ObjectDataType}, which writes a {@code Document} with Java serialization.
 * Profiled under the order load, serializing on commit and deserializing the pages read back were
 * half of the store's CPU (35 % and 15 %), and a Java-serialized document is several times its BSON
 * size. Anything a client can send or receive round-trips, since it is the same encoding.
 */
final class BsonDocumentType extends BasicDataType<Document> {

  static final BsonDocumentType INSTANCE = new BsonDocumentType();

  private BsonDocumentType() {}

  /**
   * A rough size for MVStore's cache accounting (it samples values, this is not called for each):
   * encoding the document just to weigh it would cost what this type saves.
   */
  @Override
  public int getMemory(Document document) {
    return 128 + 64 * document.size();
  }

  @Override
  public void write(WriteBuffer buffer, Document document) {
    put(buffer, document);
  }

  @Override
  public Document read(ByteBuffer buffer) {
    return take(buffer);
  }

  /** Writes {@code document} as BSON (which begins with its own length: nothing else frames it). */
  static void put(WriteBuffer buffer, Document document) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(document, bson);
      buffer.put(bson.nioBuffer());
    } finally {
      bson.release();
    }
  }

  /** Reads the BSON document {@link #put} wrote, leaving {@code buffer} after it. */
  static Document take(ByteBuffer buffer) {
    int length =
        buffer.order() == ByteOrder.LITTLE_ENDIAN
            ? buffer.getInt(buffer.position())
            : Integer.reverseBytes(buffer.getInt(buffer.position()));
    ByteBuffer slice = buffer.slice();
    slice.limit(length);
    buffer.position(buffer.position() + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }
}

package org.camelcalacs.camel.component.crds;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code crds:} component. */
public final class CrdsConstants {
    @Metadata(label = "producer", description = "Overrides the operation of the endpoint (resolve, fetch, prefetch).",
              javaType = "String")
    public static final String OPERATION = "CamelCrdsOperation";
    @Metadata(label = "producer", description = "For fetch: the reference file name (x.fits or jref$x.fits); "
            + "wins over the body.", javaType = "String")
    public static final String FILE_NAME = "CamelCrdsFileName";
    @Metadata(label = "producer", description = "For fetch: the expected size in bytes; a download of another size "
            + "is rejected.", javaType = "Long")
    public static final String EXPECTED_SIZE = "CamelCrdsExpectedSize";
    @Metadata(label = "producer", description = "For fetch: the expected SHA-1 (hex); a download with another digest "
            + "is rejected.", javaType = "String")
    public static final String EXPECTED_SHA1 = "CamelCrdsExpectedSha1";

    @Metadata(label = "producer", description = "Reference name to local path of every reference resolved.",
              javaType = "java.util.Map<String, String>")
    public static final String RESOLVED = "CamelCrdsResolved";
    @Metadata(label = "producer", description = "Names downloaded by this exchange.", javaType = "java.util.List<String>")
    public static final String DOWNLOADED = "CamelCrdsDownloaded";
    @Metadata(label = "producer", description = "Names that could not be resolved (only when strict=false).",
              javaType = "java.util.List<String>")
    public static final String MISSING = "CamelCrdsMissing";
    @Metadata(label = "producer", description = "The cache directory to use as jref.", javaType = "String")
    public static final String JREF = "CamelCrdsJref";

    private CrdsConstants() {
    }
}
